// Price and availability block next to the size picker.
import { formatPrice } from '../format';

export interface BuyBoxProps {
  priceCents: number;
  onAdd: () => void;
}

export function BuyBox({ priceCents }: BuyBoxProps) {
  return (
    <div className="buy-box">
      <p className="product-price">{formatPrice(priceCents)}</p>
      <p className="stock">In stock, ships in 1–2 working days</p>
    </div>
  );
}
