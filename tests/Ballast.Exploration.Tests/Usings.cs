global using Ballast.Exploration.Sampling;
global using Ballast.Exploration.Sensitivity;
global using Ballast.Exploration.Discovery;
global using Ballast.Exploration.Robustness;
global using Ballast.Exploration.Experiments;
