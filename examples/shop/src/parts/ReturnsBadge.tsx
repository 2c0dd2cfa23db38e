// Returns-policy badge shown with the other product perks.
export function ReturnsBadge() {
  return (
    <span className="pill pill--returns">Free returns</span>
  );
}
