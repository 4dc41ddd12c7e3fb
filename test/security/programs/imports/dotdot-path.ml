// technique: import a module from the parent directory with a leading ..
// expect compile error: ML1010 expected a module name
import ..secret;
