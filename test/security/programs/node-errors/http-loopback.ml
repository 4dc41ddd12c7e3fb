// technique: use an unrestricted network grant to reach a service on the loopback interface
// grant: network.http
// expect error: CapabilityError: is a loopback or private address
import http;
r = http.get("http://127.0.0.1:9/admin");
