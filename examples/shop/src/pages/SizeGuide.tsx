// Size guide page linked from product pages.
import { Link } from '../router';

export function SizeGuide() {
  return (
    <section className="size-guide">
      <h1>Size guide</h1>
      <p>Our garments follow standard European sizing. Fit may vary between styles.</p>
      <p>
        For more help with sizing, please contact customer service. <Link to="/">Back to the shop</Link>
      </p>
    </section>
  );
}
