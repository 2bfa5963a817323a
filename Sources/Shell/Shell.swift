// Shell — sessions, the command table, parsing, help, completion, output modes and the script runner.
