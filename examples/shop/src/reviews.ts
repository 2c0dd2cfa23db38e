// Generic reviews shown on every product page; their length is what pushes the bottom CTA far below the fold.
export interface Review {
  author: string;
  rating: number;
  title: string;
  body: string;
}

export const reviews: Review[] = [
  { author: 'Maya R.', rating: 5, title: 'Fits exactly as described', body: 'I ordered my usual size and it fits perfectly through the shoulders. The fabric feels substantial without being heavy, and it has held its shape after several washes.' },
  { author: 'Jonas K.', rating: 4, title: 'Great quality, slightly long', body: 'Really well made, the stitching is neat and the colour is true to the photos. The sleeves run a little long on me but nothing a quick cuff cannot fix.' },
  { author: 'Priya S.', rating: 5, title: 'Bought a second one', body: 'Liked the first so much that I came back for another colour. Delivery was quick and the packaging was plastic-free, which I appreciate.' },
  { author: 'Tom W.', rating: 3, title: 'Nice but pricey', body: 'The quality is obvious, but I wish it were a little cheaper. I waited for the seasonal sale and am happy with it now that I have worn it for a month.' },
  { author: 'Elena G.', rating: 5, title: 'Perfect for travel', body: 'Packed it for a two-week trip and it came out of the bag looking fine every single time. Easy to wash in a hotel sink and dries overnight.' },
  { author: 'Samir A.', rating: 4, title: 'Solid everyday piece', body: 'Wears well, goes with everything in my wardrobe. Took one star off because the care label says cold wash only, which is a bit of a hassle.' },
  { author: 'Hannah L.', rating: 5, title: 'Softer than expected', body: 'I was worried it would be scratchy but it is incredibly soft against the skin. My partner keeps borrowing it, so I might need to buy a second.' },
  { author: 'Oliver P.', rating: 4, title: 'Good fit, colour a touch darker', body: 'The colour in person is a shade darker than on my screen. Still looks great, and the fit across the chest is spot on for an athletic build.' },
  { author: 'Chloé D.', rating: 5, title: 'Excellent service', body: 'I had a question about sizing before ordering and customer service answered within the hour. The item arrived two days later, beautifully folded.' },
  { author: 'Ravi N.', rating: 4, title: 'Durable', body: 'Have worn it at least twice a week for three months. No pilling yet, no loose threads, and the seams are still perfectly straight.' },
  { author: 'Greta F.', rating: 5, title: 'My new favourite', body: 'Comfortable, flattering and warm enough for chilly mornings. It is the first thing I reach for when I get dressed.' },
  { author: 'Luis M.', rating: 3, title: 'Runs small', body: 'I would size up if you are between sizes. Quality is excellent but I had to exchange for a larger one, which took an extra week.' },
];
