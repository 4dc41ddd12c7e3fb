// technique: hang a property on a stdlib function, shared by every program of the process
// expect error: AttributeError: cannot set attribute 'polluted' on function
import math;
math.sqrt.polluted = 1;
