function matrix(n, seed) {
  const m = [];
  for (let i = 0; i < n; i++) {
    const row = [];
    for (let j = 0; j < n; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      row.push(seed % 10);
    }
    m.push(row);
  }
  return m;
}
function multiply(a, b, n) {
  const c = [];
  for (let i = 0; i < n; i++) {
    const row = [];
    const ai = a[i];
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum = sum + ai[k] * b[k][j];
      row.push(sum);
    }
    c.push(row);
  }
  return c;
}
export function main() {
  const n = 120;
  const c = multiply(matrix(n, 1), matrix(n, 2), n);
  return c[0][0] + c[n - 1][n - 1];
}
