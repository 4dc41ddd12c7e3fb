// technique: parse a query string repeating one key until its array passes the array limit
// within-ms: 1000
// expect error: LimitError: array length limit exceeded (max 100000)
import http;
http.parseQuery("a=1&" * 120000);
