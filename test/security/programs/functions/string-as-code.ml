// technique: call a string holding JavaScript source, as if it were a function
// expect error: TypeError: 'string' is not callable
payload = "return process.mainModule.require('child_process')";
payload();
