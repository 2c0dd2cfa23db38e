// One tile of the catalogue grid; the whole card links to the product page.
import { formatPrice } from '../format';
import type { Product } from '../products';
import { Link } from '../router';
import { ProductImage } from './ProductImage';

export function ProductCard({ product }: { product: Product }) {
  return (
    <article className="product-card" data-testid={`product-card-${product.id}`}>
      <Link to={`/product/${product.id}`} className="product-card__link">
        <ProductImage product={product} />
        <span className="product-card__category">{product.category}</span>
        <h2 className="product-card__name">{product.name}</h2>
      </Link>
      <p className="product-card__price">{formatPrice(product.priceCents)}</p>
    </article>
  );
}
