// technique: read a local file through the HTTP client with a file: URL
// grant: network.http
// expect error: CapabilityError: 'file:' URLs are not allowed
import http;
r = http.get("file:///etc/passwd");
