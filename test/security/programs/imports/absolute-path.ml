// technique: import an absolute file path
// expect compile error: ML1010 expected a module name
import /etc/passwd;
