// technique: overwrite another module's exported function from the importer
// expect error: AttributeError: module attributes are read-only: 'get'
import sec_data;
sec_data.get = fn() => "pwned";
