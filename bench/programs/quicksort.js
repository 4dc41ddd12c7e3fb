function quicksort(a, lo, hi) {
  while (lo < hi) {
    const pivot = a[Math.floor((lo + hi) / 2)];
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i]; a[i] = a[j]; a[j] = t;
        i++; j--;
      }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
}
export function main() {
  let seed = 42;
  const a = [];
  for (let k = 0; k < 200000; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    a.push(seed % 100000);
  }
  quicksort(a, 0, a.length - 1);
  return a[0] + a[a.length - 1] + a[100000];
}
