using TripSage.Memory.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddTripSageSilo();

var app = builder.Build();
app.MapTripSageEndpoints();
app.Run();
