// Product detail page: summary, size picker, long description, reviews and the add-to-cart button.
import { useState } from 'react';
import { addToCart } from '../cart';
import { ProductImage } from '../components/ProductImage';
import { ProductDetails } from '../components/ProductDetails';
import { Reviews } from '../components/Reviews';
import { BuyBox } from '../parts/BuyBox';
import { ReturnsBadge } from '../parts/ReturnsBadge';
import { SizeGuideLink } from '../parts/SizeGuideLink';
import { findProduct } from '../products';
import { navigate } from '../router';
import { NotFound } from './NotFound';

const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

export function ProductPage({ id }: { id: string }) {
  const [size, setSize] = useState('M');
  const product = findProduct(id);
  if (!product) return <NotFound />;

  const add = () => {
    addToCart(product.id, size);
    navigate('/cart');
  };

  return (
    <article className="product">
      <div className="product-top">
        <ProductImage product={product} large />
        <div className="product-summary">
          <p className="product-category">{product.category}</p>
          <h1 className="product-title">{product.name}</h1>
          <p className="product-blurb">{product.blurb}</p>
          <div className="size-row">
            <label htmlFor="size">Size</label>
            <select id="size" value={size} onChange={(event) => setSize(event.target.value)}>
              {SIZES.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
            <SizeGuideLink />
          </div>
          <BuyBox priceCents={product.priceCents} onAdd={add} />
          <div className="product-badges">
            <ReturnsBadge />
            <span className="pill pill--static">Carbon-neutral delivery</span>
          </div>
        </div>
      </div>
      <ProductDetails product={product} />
      <Reviews />
      <div className="product-cta">
        <button
          id="add-to-cart"
          type="button"
          className="btn btn-primary btn-large"
          onClick={add}
        >
          Add to cart
        </button>
      </div>
    </article>
  );
}
