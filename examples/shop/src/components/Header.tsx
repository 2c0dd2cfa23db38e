// Site header: logo, category nav and a cart link with a live item count.
import { cartCount, useCart } from '../cart';
import { Link } from '../router';

export function Header() {
  const count = cartCount(useCart());
  return (
    <header className="site-header">
      <Link to="/" className="logo">
        Thread &amp; Co.
      </Link>
      <nav className="main-nav" aria-label="Main">
        <Link to="/">New in</Link>
        <Link to="/">Outerwear</Link>
        <Link to="/">Knitwear</Link>
        <Link to="/">Accessories</Link>
      </nav>
      <Link
        to="/cart"
        id="header-cart"
        className="cart-link"
        aria-label={`Cart, ${count} items`}
      >
        Cart <span className="cart-count">{count}</span>
      </Link>
    </header>
  );
}
