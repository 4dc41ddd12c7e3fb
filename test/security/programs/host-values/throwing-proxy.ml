// technique: a Proxy whose traps throw a host TypeError; inspect what except receives
// scenario: host-throwing-proxy
// expect: object ["type", "message"] Error trap refused
// expect error: Error: trap refused
function main(v) {
  try {
    x = v.anything;
  } except (e) {
    print(typeof(e), keys(e), e.type, e.message);
  }
  return v.anything;
}
