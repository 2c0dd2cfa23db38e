// Footer with the usual small print; nothing in it is interactive on purpose.
export function Footer() {
  return (
    <footer className="site-footer">
      <p>© Thread &amp; Co. — responsibly made clothing since 2012.</p>
      <p className="muted">Prices include VAT. Free delivery on orders over €100.</p>
    </footer>
  );
}
