// Link from the size picker to the size guide.
import { Link } from '../router';

export function SizeGuideLink() {
  return (
    <Link to="/size-guide" className="size-guide-link">
      Size guide
    </Link>
  );
}
