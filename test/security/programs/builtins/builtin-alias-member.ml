// technique: hang a member on a builtin reached through an alias
// expect error: AttributeError: cannot set attribute 'polluted' on function
alias = sorted;
alias.polluted = 1;
