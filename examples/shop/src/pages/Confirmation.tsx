// Final step: thanks the customer and shows the order that was just placed.
import { loadLastOrder } from '../cart';
import { CheckoutSteps } from '../components/CheckoutSteps';
import { formatPrice } from '../format';
import { Link } from '../router';

export function Confirmation() {
  const order = loadLastOrder();
  return (
    <section className="checkout confirmation">
      <CheckoutSteps current={3} />
      <h1>Thank you for your order</h1>
      {order ? (
        <p data-testid="order-number">
          Order <strong>{order.number}</strong>: {order.itemCount} items, {formatPrice(order.totalCents)}. A receipt is
          on its way to {order.email || 'your inbox'}.
        </p>
      ) : (
        <p>We could not find a recent order.</p>
      )}
      <Link to="/" className="continue-link">
        Continue shopping
      </Link>
    </section>
  );
}
