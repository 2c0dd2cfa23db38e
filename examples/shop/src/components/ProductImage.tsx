// Placeholder artwork: a coloured tile with the product initials instead of a photo.
import type { Product } from '../products';

export function ProductImage({ product, large = false }: { product: Product; large?: boolean }) {
  const initials = product.name
    .split(' ')
    .map((word) => word[0])
    .join('')
    .slice(0, 2);
  return (
    <div
      className={large ? 'product-image product-image--large' : 'product-image'}
      style={{ background: product.swatch }}
      role="img"
      aria-label={product.name}
    >
      <span>{initials}</span>
    </div>
  );
}
