using TripSage.Memory.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTripSageSilo();

var app = builder.Build();
app.MapTripSageEndpoints();
app.Run();
