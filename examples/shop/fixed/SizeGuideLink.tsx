// The size chart opens in place instead of sending shoppers to a page without measurements.
const CHART: Array<[string, string, string]> = [
  ['XS', '82–87', '66–71'],
  ['S', '88–94', '72–78'],
  ['M', '95–101', '79–85'],
  ['L', '102–109', '86–93'],
  ['XL', '110–117', '94–101'],
];

export function SizeGuideLink() {
  return (
    <details className="size-guide-inline">
      <summary>Size guide</summary>
      <table className="size-table">
        <thead>
          <tr>
            <th>Size</th>
            <th>Chest (cm)</th>
            <th>Waist (cm)</th>
          </tr>
        </thead>
        <tbody>
          {CHART.map(([size, chest, waist]) => (
            <tr key={size}>
              <td>{size}</td>
              <td>{chest}</td>
              <td>{waist}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
