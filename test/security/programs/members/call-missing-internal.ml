// technique: call() the value of o.constructor, hoping for the Object constructor
// expect error: TypeError: 'null' is not callable
o = {};
call(o.constructor, "return process");
