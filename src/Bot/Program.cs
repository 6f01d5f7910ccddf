using VeerkrachtBot.Bot;
using VeerkrachtBot.Core;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVeerkrachtCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddVeerkrachtBot(builder.Configuration);

var app = builder.Build();
app.MapVeerkrachtBot();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
