// Customer reviews with an average rating header.
import { reviews } from '../reviews';

function Stars({ rating }: { rating: number }) {
  return (
    <span className="stars" aria-label={`${rating} out of 5 stars`}>
      {'★'.repeat(rating)}
      {'☆'.repeat(5 - rating)}
    </span>
  );
}

export function Reviews() {
  const average = reviews.reduce((sum, review) => sum + review.rating, 0) / reviews.length;
  return (
    <section className="reviews">
      <h2>
        Reviews <span className="muted">({reviews.length}, average {average.toFixed(1)})</span>
      </h2>
      {reviews.map((review) => (
        <article className="review" key={review.author}>
          <header>
            <Stars rating={review.rating} /> <strong>{review.title}</strong>
          </header>
          <p>{review.body}</p>
          <p className="muted">— {review.author}, verified buyer</p>
        </article>
      ))}
    </section>
  );
}
