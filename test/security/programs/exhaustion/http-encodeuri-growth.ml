// technique: percent-encode text whose every character becomes nine, past the string limit
// within-ms: 1000
// expect error: LimitError: string length limit exceeded (max 1000000)
import http;
http.encodeURI("€" * 200000);
