// technique: host BigInt and Symbol values: arithmetic, comparison and display must raise ML errors, never host TypeErrors
// scenario: host-bigint-symbol
// expect: hostobject hostobject <hostobject> <hostobject>
// expect: TypeError TypeError TypeError false
function main(big, sym) {
  print(typeof(big), typeof(sym), str(big), str(sym));
  errs = [];
  for (f in [fn() => big + 1, fn() => big < 1, fn() => -sym]) {
    try {
      f();
    } except (e) {
      errs.append(e.type);
    }
  }
  print(errs[0], errs[1], errs[2], big == sym);
}
