// technique: import a .js file that sits in an import root (it would write a marker if evaluated)
// expect compile error: ML3001 sec_evil
import sec_evil;
