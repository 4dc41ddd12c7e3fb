// technique: mutate the data module_info() and modules() return, hoping to change the registry
// expect: object true math true
import math;
info = module_info("math");
info.name = "evil";
info.functions.clear();
mods = modules();
mods.clear();
again = module_info("math");
print(typeof(again), len(again.functions) > 0, again.name, len(modules()) > 0);
