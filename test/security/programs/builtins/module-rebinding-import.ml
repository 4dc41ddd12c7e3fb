// technique: rebind the name math to a fake module, hoping another module's math.sqrt now calls it
// expect: object 3
import math;
import sec_shadow;
math = {"sqrt": fn(x) => "pwned"};
print(typeof(math), sec_shadow.root(9));
