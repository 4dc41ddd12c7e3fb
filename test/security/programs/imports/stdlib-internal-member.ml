// technique: import a member of a stdlib module by path (json.__proto__, math.constructor)
// expect compile error: ML3001
import math.constructor;
