// Static catalogue: a real shop would fetch this, but a fixed list keeps recordings reproducible.
export interface Product {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  swatch: string;
  blurb: string;
}

export const products: Product[] = [
  { id: 'merino-crew', name: 'Merino Crew Sweater', category: 'Knitwear', priceCents: 8900, swatch: '#7a8b99', blurb: 'Fine-gauge merino that layers without bulk.' },
  { id: 'canvas-jacket', name: 'Waxed Canvas Jacket', category: 'Outerwear', priceCents: 17900, swatch: '#8a6d3b', blurb: 'Shower-proof cotton canvas with a corduroy collar.' },
  { id: 'oxford-shirt', name: 'Organic Oxford Shirt', category: 'Shirts', priceCents: 5900, swatch: '#a9c1d9', blurb: 'A soft button-down that gets better with every wash.' },
  { id: 'selvedge-jeans', name: 'Selvedge Straight Jeans', category: 'Denim', priceCents: 12900, swatch: '#2f3e5c', blurb: '14 oz Japanese denim, rinsed once for a clean start.' },
  { id: 'linen-tee', name: 'Linen Pocket Tee', category: 'Tops', priceCents: 3500, swatch: '#e0d6c2', blurb: 'Breathable linen jersey for the warmest days.' },
  { id: 'field-chinos', name: 'Field Chinos', category: 'Trousers', priceCents: 7900, swatch: '#b59f73', blurb: 'Hard-wearing twill with a tapered leg.' },
  { id: 'rain-shell', name: 'Packable Rain Shell', category: 'Outerwear', priceCents: 14900, swatch: '#3c6e71', blurb: 'Fully taped seams, folds into its own pocket.' },
  { id: 'wool-beanie', name: 'Ribbed Wool Beanie', category: 'Accessories', priceCents: 2500, swatch: '#9b3d3d', blurb: 'Chunky rib knit in undyed British wool.' },
];

export function findProduct(id: string): Product | undefined {
  return products.find((product) => product.id === id);
}
