// technique: build "prototype" with printf-style % formatting and getattr it on a stdlib module
// expect error: AttributeError: 'module' object has no attribute 'prototype'
import math;
proto = getattr(math, "%s%s" % ["proto", "type"]);
