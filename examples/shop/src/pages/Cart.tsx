// Cart page: line items with quantity controls, a coupon form and the way into checkout.
import { useState } from 'react';
import { cartTotalCents, setQuantity, useCart } from '../cart';
import { formatPrice } from '../format';
import { discountPercent } from '../parts/coupons';
import { findProduct } from '../products';
import { Link, navigate } from '../router';

export function Cart() {
  const lines = useCart();
  const [code, setCode] = useState('');
  const [discount, setDiscount] = useState(0);
  const [couponMessage, setCouponMessage] = useState('');

  if (lines.length === 0) {
    return (
      <section className="cart cart--empty">
        <h1>Your cart</h1>
        <p>
          Your cart is empty. <Link to="/">Continue shopping</Link>
        </p>
      </section>
    );
  }

  const subtotal = cartTotalCents(lines);
  const applyCoupon = () => {
    const percent = discountPercent(code);
    setDiscount(percent ?? 0);
    setCouponMessage(percent === null ? 'That code is not valid.' : `${percent}% off applied.`);
  };

  return (
    <section className="cart">
      <h1>Your cart</h1>
      <ul className="cart-lines">
        {lines.map((line) => {
          const product = findProduct(line.productId);
          if (!product) return null;
          return (
            <li className="cart-line" key={`${line.productId}-${line.size}`}>
              <Link to={`/product/${product.id}`}>{product.name}</Link>
              <span className="muted">Size {line.size}</span>
              <span className="qty">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Remove one ${product.name}`}
                  onClick={() => setQuantity(line.productId, line.size, line.quantity - 1)}
                >
                  −
                </button>
                <span className="qty-value">{line.quantity}</span>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Add one ${product.name}`}
                  onClick={() => setQuantity(line.productId, line.size, line.quantity + 1)}
                >
                  +
                </button>
              </span>
              <span className="line-price">{formatPrice(product.priceCents * line.quantity)}</span>
            </li>
          );
        })}
      </ul>
      <div className="coupon">
        <label htmlFor="coupon-code">Discount code</label>
        <input
          id="coupon-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          placeholder="e.g. WELCOME10"
        />
        <button
          type="button"
          className="btn btn-secondary"
          aria-label="Apply coupon"
          onClick={applyCoupon}
        >
          Apply
        </button>
        {couponMessage && <p className="coupon-message">{couponMessage}</p>}
      </div>
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd>{formatPrice(subtotal)}</dd>
        <dt>Total</dt>
        <dd className="total">{formatPrice(Math.round(subtotal * (1 - discount / 100)))}</dd>
      </dl>
      <button
        type="button"
        className="btn btn-primary btn-large"
        data-testid="checkout"
        onClick={() => navigate('/checkout/shipping')}
      >
        Go to checkout
      </button>
    </section>
  );
}
