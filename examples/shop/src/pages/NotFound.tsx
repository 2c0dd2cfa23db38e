// Fallback for unknown routes and product ids.
import { Link } from '../router';

export function NotFound() {
  return (
    <section className="not-found">
      <h1>Page not found</h1>
      <p>
        The page you were looking for does not exist. <Link to="/">Back to the shop</Link>
      </p>
    </section>
  );
}
