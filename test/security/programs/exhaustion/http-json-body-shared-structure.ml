// technique: send as a JSON body a structure built in 40 steps whose text has 2^40 leaves
// grant: network.http=127.0.0.1
// within-ms: 1000
// expect error: LimitError: string length limit exceeded (max 1000000)
import http;
a = [1];
for (i in range(40)) {
  a = [a, a];
}
http.post("http://127.0.0.1:9/", a);
