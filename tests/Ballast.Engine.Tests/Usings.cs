global using Ballast.Core.Model;
global using Ballast.Core.Parameters;
global using Ballast.Data.Parameters;
global using Ballast.Engine.Ensembles;
global using Ballast.Engine.Model;
global using Ballast.Testing;
