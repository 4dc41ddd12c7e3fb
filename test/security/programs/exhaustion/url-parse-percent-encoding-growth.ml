// technique: parse a URL whose path percent-encodes to nine times its length (60 million "€" → 540 million characters): past V8's longest string, node's URL parser aborted the whole process (before the fix this program took its test runner down)
// limits: steps=100000000 timeMs=10000 maxStringLength=100000000
// within-ms: 5000
// expect error: LimitError: string length limit exceeded (max 100000000)
import http;
print(len(http.parseUrl("http://a/" + "€" * 60000000)["path"]));
