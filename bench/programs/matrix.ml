function matrix(n, seed) {
  m = [];
  for (i in range(n)) {
    row = [];
    for (j in range(n)) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      row.append(seed % 10);
    }
    m.append(row);
  }
  return m;
}
function multiply(a, b, n) {
  c = [];
  for (i in range(n)) {
    row = [];
    ai = a[i];
    for (j in range(n)) {
      sum = 0;
      for (k in range(n)) {
        sum = sum + ai[k] * b[k][j];
      }
      row.append(sum);
    }
    c.append(row);
  }
  return c;
}
function main() {
  n = 120;
  c = multiply(matrix(n, 1), matrix(n, 2), n);
  return c[0][0] + c[n - 1][n - 1];
}
