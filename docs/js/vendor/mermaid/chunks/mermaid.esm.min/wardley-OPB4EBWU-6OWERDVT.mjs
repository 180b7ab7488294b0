import{a as e,b as r}from"./chunk-XNMVGMAZ.mjs";import"./chunk-L5GCOVLC.mjs";import"./chunk-AQ6EADP3.mjs";export{e as WardleyModule,r as createWardleyServices};
