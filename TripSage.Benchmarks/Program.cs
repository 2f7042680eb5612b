using System.CommandLine;
using TripSage.Memory.Benchmarks.Locomo;

var root = new RootCommand("TripSage memory grid benchmarks.") { LocomoCommand.Create() };
return await root.Parse(args).InvokeAsync();
