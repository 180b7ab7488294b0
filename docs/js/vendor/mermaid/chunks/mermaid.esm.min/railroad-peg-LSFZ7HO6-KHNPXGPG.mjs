import{a as e,b as r}from"./chunk-D6VWDJW2.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as RailroadPegModule,r as createRailroadPegServices};
