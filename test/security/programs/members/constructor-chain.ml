// technique: walk {}.constructor.constructor as in the classic Function-constructor escape
// expect error: AttributeError: 'null' object has no attribute 'constructor'
f = {}.constructor.constructor;
