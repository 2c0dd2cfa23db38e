// The badge looks like a button, so it is one: it discloses the returns policy.
import { useState } from 'react';

export function ReturnsBadge() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="pill pill--returns"
        aria-expanded={open}
        aria-controls="returns-note"
        onClick={() => setOpen(!open)}
      >
        Free returns
      </button>
      {open && (
        <p id="returns-note" className="returns-note">
          Return any unworn item within 30 days. Print the prepaid label from your order email; refunds arrive within
          5 working days.
        </p>
      )}
    </>
  );
}
