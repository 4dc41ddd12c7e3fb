// technique: build a query string from values that grow ninefold when encoded, past the string limit
// within-ms: 1000
// expect error: LimitError: string length limit exceeded (max 1000000)
import http;
v = "€" * 50000;
http.encodeQuery({"k": [v, v, v]});
