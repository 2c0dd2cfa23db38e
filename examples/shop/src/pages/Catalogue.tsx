// Home page: seasonal banner and the product grid.
import { ProductCard } from '../components/ProductCard';
import { products } from '../products';

export function Catalogue() {
  return (
    <>
      <section className="hero">
        <h1>Autumn essentials</h1>
        <p>Natural fibres, honest prices, made to be worn for years.</p>
      </section>
      <section className="product-grid" aria-label="Products">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </section>
    </>
  );
}
