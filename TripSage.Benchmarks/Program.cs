using System.CommandLine;
using TripSage.Memory.Benchmarks.Chaos;
using TripSage.Memory.Benchmarks.Density;
using TripSage.Memory.Benchmarks.FirstMinute;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Benchmarks.Locomo;
using TripSage.Memory.Benchmarks.Micro;
using TripSage.Memory.Benchmarks.Migrate;

var root = new RootCommand("TripSage memory grid benchmarks.") { LocomoCommand.Create(), LoadCommand.Create(), ChaosCommand.Create(), MicroCommand.Create(), DensityCommand.Create(), FirstMinuteCommand.Create(), MigrateCommand.Create() };
return await root.Parse(args).InvokeAsync();
