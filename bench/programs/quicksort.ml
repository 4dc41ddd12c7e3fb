function quicksort(a, lo, hi) {
  while (lo < hi) {
    pivot = a[(lo + hi) // 2];
    i = lo;
    j = hi;
    while (i <= j) {
      while (a[i] < pivot) {
        i = i + 1;
      }
      while (a[j] > pivot) {
        j = j - 1;
      }
      if (i <= j) {
        t = a[i];
        a[i] = a[j];
        a[j] = t;
        i = i + 1;
        j = j - 1;
      }
    }
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}
function main() {
  seed = 42;
  a = [];
  for (k in range(200000)) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    a.append(seed % 100000);
  }
  quicksort(a, 0, len(a) - 1);
  return a[0] + a[len(a) - 1] + a[100000];
}
